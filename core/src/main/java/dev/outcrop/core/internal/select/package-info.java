/** SELECT: planning, the row pipeline that streams results with back-pressure, and the information_schema views. */
package dev.outcrop.core.internal.select;
