package org.civicloop.triage;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A triage stage's listener: runs after the event's transaction commits, off the publishing
 * thread, and is recorded in the event publication registry like any module listener (so a crash
 * before it finishes runs it again at restart). Unlike {@code @ApplicationModuleListener} it opens
 * no transaction of its own: a stage spends most of its time in models (loading them the first
 * time takes seconds), and must not hold a database connection meanwhile — it reads and writes
 * with short statements of its own, each stage's writes being idempotent.
 */
@Async(TriageExecution.NAME)
@TransactionalEventListener
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface TriageListener {}
