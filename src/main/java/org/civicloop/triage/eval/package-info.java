/** Measuring triage models on labelled files: the {@code civicloop eval} command's building blocks. */
@org.springframework.modulith.NamedInterface("eval")
package org.civicloop.triage.eval;
