/** The AI functions (AWS_BEDROCK_AI_QUERY, AI_QUERY, AI_EMBED_TEXT): argument rules, and one model call from admission to settled budget, with retries and null_on_error. */
package dev.outcrop.core.internal.ai;
