/** Reading data with table-valued functions and bound rows, then calling a model for every row. */
package dev.outcrop.examples.data;
