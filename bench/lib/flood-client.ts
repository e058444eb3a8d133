// The public-form flood of bench/load.ts, in a process of its own: the attacker's client must not share the event
// loop of the bench process that times the staff sessions (it did, and its 2,000 posts delayed the staff timings
// the bench was measuring). It loads, prints {"ready":true}, waits for a line on stdin (its start: starting a Node
// process with tsx takes a core for a second or two, which is not the flood), then prints {"started":true} when it
// starts sending and one line with the statuses when done.
//   node --import tsx bench/lib/flood-client.ts BASE_URL POSTS CONNECTIONS
import autocannon from "autocannon";

const [base, postsArg, connectionsArg] = process.argv.slice(2);
if (!base) throw new Error("usage: flood-client.ts BASE_URL POSTS CONNECTIONS");
const posts = Number(postsArg ?? 1000);
const connections = Number(connectionsArg ?? 25);
const statuses: Record<number, number> = {};
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
await new Promise<void>((resolve) => {
  process.stdin.once("data", () => resolve());
  process.stdin.once("end", () => resolve());
});
process.stdin.pause();
process.stdout.write(`${JSON.stringify({ started: true })}\n`);
const inst = autocannon({
  url: `${base}/api/v1/public/voices`,
  method: "POST",
  connections,
  amount: posts,
  timeout: 30,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({
    topic: "complaint",
    content: "フォームから大量に送信される迷惑な投稿の試験です。",
    privacyConsent: true,
    website: "",
  }),
});
inst.on("response", (_c: unknown, status: number) => {
  statuses[status] = (statuses[status] ?? 0) + 1;
});
const r = await inst;
process.stdout.write(`${JSON.stringify({ statuses, errors: r.errors + r.timeouts })}\n`);
