package dev.outcrop.spark.example;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * An example job: the sentiment of every review in a Parquet table, through Outcrop's AI_QUERY, written
 * back as Parquet. Submit it as docs/spark.md shows, with the location's name as the third argument:
 *
 * <pre>
 * spark-submit --conf spark.sql.extensions=dev.outcrop.spark.OutcropExtensions \
 *   --conf spark.outcrop.account=my_account --conf spark.outcrop.principal=etl_user \
 *   --conf spark.outcrop.catalog.jdbc.url=jdbc:postgresql://catalog.internal:5432/outcrop ... \
 *   --class dev.outcrop.spark.example.ReviewSentimentJob job.jar s3a://bucket/reviews s3a://bucket/sentiment bedrock_role
 * </pre>
 *
 * <ul>
 *   <li>The location is checked when the query is defined, on the driver, before any task runs: the job
 *       fails at once if it does not exist or {@code etl_user} lacks USAGE on it.</li>
 *   <li>Reviews with the same text share one call per executor, wherever they are in the table. To make
 *       that one call per text for the whole job, pass {@code --conf spark.review-sentiment.colocate=true}:
 *       the job then repartitions by the review's text first, which costs a shuffle.</li>
 *   <li>The result is written once: every further action on {@code scored} would call the model again.</li>
 * </ul>
 */
public final class ReviewSentimentJob {

    private ReviewSentimentJob() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: ReviewSentimentJob <reviews parquet> <output parquet> <location name>");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("review-sentiment").getOrCreate();
        try {
            Dataset<Row> reviews = spark.read().parquet(args[0]);
            if (spark.conf().get("spark.review-sentiment.colocate", "false").equals("true")) {
                // Identical texts on one executor: answers are shared within an executor JVM, never across them.
                reviews = reviews.repartition(col("review"));
            }
            score(reviews, args[2]).write().mode(SaveMode.Overwrite).parquet(args[1]);
        }
        finally {
            spark.stop();
        }
    }

    /** Adds {@code sentiment}: one word per review, or NULL where the model call failed. */
    public static Dataset<Row> score(Dataset<Row> reviews, String location) {
        return reviews.select(col("review_id"), col("review"), expr("AI_QUERY("
                + "endpoint => 'amazon.nova-micro-v1:0', "
                + "prompt => concat('Answer with one word, positive, negative or neutral. Review: ', review), "
                + "location => '" + location.replace("'", "''") + "', "
                + "null_on_error => TRUE)").as("sentiment"));
    }
}
