/** What one statement knows while it is planned and run: its session, account, privileges, locations and shared requests. */
package dev.outcrop.core.internal.plan;
