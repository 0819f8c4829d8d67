/**
 * Abuse: the classifier that flags threats, slurs, harassment and insults ({@link
 * org.civicloop.triage.abuse.AbuseClassifier}), where its model comes from ({@link
 * org.civicloop.triage.abuse.AbuseModels}: built by {@code civicloop triage train-abuse} into the
 * data directory, or the seed model), and the {@code abuse} task of {@code civicloop eval}.
 */
@org.springframework.modulith.NamedInterface("abuse")
package org.civicloop.triage.abuse;
