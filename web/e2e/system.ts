// The real local system for the browser tests: scripts/run-local.sh (PostgreSQL, silos, the gateway serving the
// built app and the development sign-in) on free ports, with a database, cluster id and run folder of its own, so it
// runs beside a developer's own local run and other tests. ACTORS_E2E_URL instead points the tests at a system that
// is already running (ACTORS_E2E_RUN_DIR: its run folder, for the silos' pid files).
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const repositoryRoot = resolve(import.meta.dirname, "../..");

export interface LocalSystem {
  url: string;
  runDir: string;
  silos: number;
  /** SIGKILL: a crash, as a reclaimed spot instance without notice. */
  killSilo(index: number): void;
  stop(): Promise<void>;
}

export async function startLocalSystem(silos: number): Promise<LocalSystem> {
  const attached = process.env.ACTORS_E2E_URL;
  if (attached) {
    const runDir = process.env.ACTORS_E2E_RUN_DIR ?? join(repositoryRoot, ".run");
    return { url: attached.replace(/\/$/, ""), runDir, silos, killSilo: (i) => killSilo(runDir, i), stop: async () => {} };
  }

  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const runDir = mkdtempSync(join(tmpdir(), "actors-web-e2e-"));
  const [siloPort, gatewayPort, httpPort, dashboardPort] = await Promise.all([freeRange(silos), freeRange(silos), freeRange(silos), freeRange(silos)]);
  const [apiGrpc, apiHttp] = [await freeRange(1), await freeRange(1)];
  const env = {
    ...process.env,
    ACTORS_DB: `actors_web_e2e_${suffix}`,
    ACTORS_CLUSTER_ID: `web-e2e-${suffix}`,
    ACTORS_RUN_DIR: runDir,
    ACTORS_SILO_PORT: String(siloPort),
    ACTORS_GATEWAY_PORT: String(gatewayPort),
    ACTORS_HTTP_PORT: String(httpPort),
    ACTORS_DASHBOARD_PORT: String(dashboardPort),
    ACTORS_API_GRPC_PORT: String(apiGrpc),
    ACTORS_API_HTTP_PORT: String(apiHttp),
    ACTORS_WEB: "build",
    ACTORS_STOP_GRACE: "20",
    // The tests' PostgreSQL server (scripts/pg.sh, already running), not run-local's durable one: run-local leaves a
    // server it did not start running, and dropDatabase below finds the database there.
    ACTORS_LOCAL_PG_PORT: testServerPort(),
    ACTORS_LOCAL_PG_DIR: process.env.ACTORS_PG_DIR ?? `/tmp/actors-pg-${testServerPort()}`,
  };
  const child = spawn("bash", [join(repositoryRoot, "scripts/run-local.sh"), String(silos)], { cwd: repositoryRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`run-local.sh did not print the web app's address within 10 minutes:\n${output}`)), 600_000);
    const onData = () => {
      const match = /web app: (http\S+?)\/?\s/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`run-local.sh exited (${code}) during start-up:\n${output}`));
    });
  });

  return {
    url,
    runDir,
    silos,
    killSilo: (i) => killSilo(runDir, i),
    stop: async () => {
      await stopProcess(child);
      dropDatabase(env.ACTORS_DB);
      if (process.env.ACTORS_E2E_KEEP_LOGS !== "1") rmSync(runDir, { recursive: true, force: true });
    },
  };
}

export function killSilo(runDir: string, index: number): void {
  const pid = Number(readFileSync(join(runDir, `silo-${index}.pid`), "utf8").trim());
  process.kill(pid, "SIGKILL");
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
  await exited;
  clearTimeout(timer);
}

function testServerPort(): string {
  return process.env.ACTORS_PG_PORT ?? "54329";
}

function dropDatabase(name: string): void {
  const port = testServerPort();
  const psql = ["/usr/bin/psql", ...listPsql()].find((p) => { try { execFileSync(p, ["--version"]); return true; } catch { return false; } });
  if (!psql) return;
  execFileSync(psql, ["-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "postgres", "-qc", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: "ignore" });
}

function listPsql(): string[] {
  try {
    return execFileSync("bash", ["-c", "ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V"], { encoding: "utf8" }).split("\n").filter(Boolean).reverse();
  } catch {
    return [];
  }
}

/** The first of `count` consecutive free loopback ports (run-local numbers silo ports from a first one). */
async function freeRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * 30_000);
    let free = true;
    for (let port = first; port < first + count && free; port++) free = await isFree(port);
    if (free) return first;
  }
  throw new Error("no free port range");
}

function isFree(port: number): Promise<boolean> {
  return new Promise((r) => {
    const server = createServer();
    server.once("error", () => r(false));
    server.listen(port, "127.0.0.1", () => server.close(() => r(true)));
  });
}
