package dev.outcrop.catalog.jdbc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the class only where PostgreSQL answers: skipped with a message on a machine without it, but
 * failed when {@code CI=true}, where a missing database is a broken build, not a reason to test less.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresCondition.class)
@interface RequiresPostgres {
}
