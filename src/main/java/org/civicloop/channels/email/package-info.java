/**
 * The e-mail channel: IMAP polling, {@code .eml}/{@code .mbox} import and SMTP replies. Its
 * {@link org.civicloop.channels.email.MailImport} is used by the command line and the console.
 */
@org.springframework.modulith.NamedInterface("email")
package org.civicloop.channels.email;
