// Drives the Bedrock emulator with the AWS SDK for JavaScript v3 and checks the answers.
// Usage: BEDROCK_EMULATOR_ENDPOINT=http://127.0.0.1:8787 node compat.mjs
// Exit status 0 only when every check passed; the last line then reads "all checks passed".
import {
  BedrockRuntimeClient,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  ConverseCommand,
  ConverseStreamCommand,
} from "@aws-sdk/client-bedrock-runtime";
import { STSClient, AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { S3Client, GetObjectCommand, ListObjectsV2Command, NoSuchKey } from "@aws-sdk/client-s3";
import assert from "node:assert/strict";

const endpoint = process.env.BEDROCK_EMULATOR_ENDPOINT;
if (!endpoint) {
  console.error("set BEDROCK_EMULATOR_ENDPOINT to the emulator's endpoint, e.g. http://127.0.0.1:8787");
  process.exit(2);
}
const region = "us-east-1";
const deployment = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const restricted = {
  accessKeyId: "AKIAI44QH8DHBEXAMPLE",
  secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
};
const novaBody = (text) =>
  JSON.stringify({
    schemaVersion: "messages-v1",
    messages: [{ role: "user", content: [{ text }] }],
    inferenceConfig: { maxTokens: 64 },
  });
const decoder = new TextDecoder();
const bedrock = (credentials) => new BedrockRuntimeClient({ region, endpoint, credentials, maxAttempts: 1 });

const checks = [];
async function check(name, fn) {
  try {
    await fn();
    checks.push([name, true]);
    console.log(`ok   ${name}`);
  } catch (e) {
    checks.push([name, false]);
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
  }
}

await check("InvokeModel (Nova) with static keys", async () => {
  const response = await bedrock(deployment).send(
    new InvokeModelCommand({
      modelId: "amazon.nova-micro-v1:0",
      contentType: "application/json",
      accept: "application/json",
      body: novaBody("hello from javascript"),
    })
  );
  const body = JSON.parse(decoder.decode(response.body));
  assert.equal(body.output.message.content[0].text, "Echo: hello from javascript");
  assert.equal(body.stopReason, "end_turn");
  assert.equal(body.usage.inputTokens, 6);
  assert.equal(body.usage.outputTokens, 7);
  assert.equal(response.contentType, "application/json");
});

await check("InvokeModelWithResponseStream (Claude)", async () => {
  const response = await bedrock(deployment).send(
    new InvokeModelWithResponseStreamCommand({
      modelId: "anthropic.claude-3-haiku-20240307-v1:0",
      contentType: "application/json",
      body: JSON.stringify({
        anthropic_version: "bedrock-2023-05-31",
        max_tokens: 200,
        messages: [{ role: "user", content: "stream the strata one layer at a time" }],
      }),
    })
  );
  let text = "";
  let metrics;
  const types = [];
  for await (const event of response.body) {
    assert.ok(event.chunk, `unexpected event ${JSON.stringify(Object.keys(event))}`);
    const chunk = JSON.parse(decoder.decode(event.chunk.bytes));
    types.push(chunk.type);
    if (chunk.type === "content_block_delta") text += chunk.delta.text;
    if (chunk["amazon-bedrock-invocationMetrics"]) metrics = chunk["amazon-bedrock-invocationMetrics"];
  }
  assert.equal(text, "Echo: stream the strata one layer at a time");
  assert.equal(types[0], "message_start");
  assert.equal(types[types.length - 1], "message_stop");
  assert.ok(metrics, "last chunk carries amazon-bedrock-invocationMetrics");
  assert.equal(metrics.outputTokenCount, 11);
});

await check("Converse (Nova)", async () => {
  const response = await bedrock(deployment).send(
    new ConverseCommand({
      modelId: "us.amazon.nova-lite-v1:0",
      messages: [{ role: "user", content: [{ text: "What is feldspar?" }] }],
      inferenceConfig: { maxTokens: 100 },
    })
  );
  assert.equal(response.output.message.content[0].text, "Echo: What is feldspar?");
  assert.equal(response.stopReason, "end_turn");
  assert.equal(response.usage.inputTokens, 5);
  assert.equal(response.usage.outputTokens, 6);
  assert.equal(response.usage.totalTokens, 11);
});

await check("ConverseStream (Llama)", async () => {
  const response = await bedrock(deployment).send(
    new ConverseStreamCommand({
      modelId: "meta.llama3-8b-instruct-v1:0",
      messages: [{ role: "user", content: [{ text: "name three clays" }] }],
    })
  );
  let text = "";
  let usage;
  for await (const event of response.stream) {
    if (event.contentBlockDelta) text += event.contentBlockDelta.delta.text;
    if (event.metadata) usage = event.metadata.usage;
  }
  assert.equal(text, "Echo: name three clays");
  assert.equal(usage.outputTokens, 6);
});

await check("AccessDeniedException for an identity without model access", async () => {
  await assert.rejects(
    bedrock(restricted).send(
      new InvokeModelCommand({ modelId: "amazon.nova-micro-v1:0", body: novaBody("denied") })
    ),
    (e) => e.name === "AccessDeniedException" && e.$metadata.httpStatusCode === 403
  );
});

await check("AssumeRole with external ID, then InvokeModel with the session", async () => {
  const sts = new STSClient({ region, endpoint, credentials: deployment, maxAttempts: 1 });
  const me = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(me.Arn, "arn:aws:iam::111122223333:user/outcrop-deployment");
  const assumed = await sts.send(
    new AssumeRoleCommand({
      RoleArn: "arn:aws:iam::123456789012:role/BedrockAccessWithExternalId",
      RoleSessionName: "js-compat",
      ExternalId: "<external_id>",
      DurationSeconds: 900,
    })
  );
  const c = assumed.Credentials;
  assert.match(c.AccessKeyId, /^ASIA/);
  assert.ok(c.Expiration instanceof Date && c.Expiration.getTime() > Date.now());
  assert.equal(assumed.AssumedRoleUser.Arn, "arn:aws:sts::123456789012:assumed-role/BedrockAccessWithExternalId/js-compat");
  const session = bedrock({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken });
  const response = await session.send(
    new InvokeModelCommand({ modelId: "amazon.nova-pro-v1:0", body: novaBody("as a role session") })
  );
  assert.equal(JSON.parse(decoder.decode(response.body)).output.message.content[0].text, "Echo: as a role session");
  await assert.rejects(
    sts.send(new AssumeRoleCommand({
      RoleArn: "arn:aws:iam::123456789012:role/BedrockAccessWithExternalId",
      RoleSessionName: "js-wrong",
      ExternalId: "wrong",
    })),
    (e) => e.name === "AccessDenied" && e.$metadata.httpStatusCode === 403
  );
});

// S3: the Java test stores reviews/2026/01/a.csv ("id,review\n1,great\n") and reviews/2026/02/b.csv first.
const s3 = new S3Client({ region, endpoint, credentials: deployment, forcePathStyle: true, maxAttempts: 1 });

await check("S3 GetObject, whole and with a Range", async () => {
  const whole = await s3.send(new GetObjectCommand({ Bucket: "reviews", Key: "2026/01/a.csv" }));
  assert.equal(await whole.Body.transformToString(), "id,review\n1,great\n");
  const ranged = await s3.send(new GetObjectCommand({ Bucket: "reviews", Key: "2026/01/a.csv", Range: "bytes=10-16" }));
  assert.equal(await ranged.Body.transformToString(), "1,great");
  assert.equal(ranged.ContentRange, "bytes 10-16/18");
});

await check("S3 ListObjectsV2 with a prefix and a delimiter", async () => {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: "reviews", Prefix: "2026/01/" }));
  assert.deepEqual(listed.Contents.map((o) => o.Key), ["2026/01/a.csv"]);
  assert.equal(listed.Contents[0].Size, 18);
  const months = await s3.send(new ListObjectsV2Command({ Bucket: "reviews", Prefix: "2026/", Delimiter: "/" }));
  assert.deepEqual(months.CommonPrefixes.map((p) => p.Prefix), ["2026/01/", "2026/02/"]);
});

await check("S3 NoSuchKey", async () => {
  await assert.rejects(s3.send(new GetObjectCommand({ Bucket: "reviews", Key: "missing.csv" })), (e) => e instanceof NoSuchKey);
});

const failed = checks.filter(([, ok]) => !ok).length;
if (failed > 0) {
  console.log(`${failed} of ${checks.length} checks failed`);
  process.exit(1);
}
console.log("all checks passed");
// HTTP/2 sessions may keep the event loop alive; the checks are done.
process.exit(0);
