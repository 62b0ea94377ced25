/** Admission of model calls under the process, account, location, statement and adaptive (location, model) limits. */
package dev.outcrop.core.internal.dispatch;
