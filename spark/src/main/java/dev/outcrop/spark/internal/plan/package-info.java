/**
 * The Catalyst side: the AI function expressions, the analysis check that validates their locations on the
 * driver, and the planner strategy that computes them a partition at a time through core.
 */
package dev.outcrop.spark.internal.plan;
