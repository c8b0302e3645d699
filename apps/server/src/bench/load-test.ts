import autocannon, { type Request } from 'autocannon';
import { percentiles } from './stats';

/** Measured runs of autocannon against a server, keeping every 2xx latency for exact percentiles. */

export interface LoadRun {
  seconds: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** 2xx responses per second. */
  requestsPerSecond: number;
  /** Latency percentiles in ms over every 2xx response (nearest rank). */
  p50: number;
  p99: number;
  statusCodes: Record<string, number>;
  /** Every 2xx latency in ms, in arrival order. */
  latencies: number[];
}

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /**
   * What each connection sends, in order and then again from the top. `setupRequest` gives every
   * request its path (random ids), headers and body; its context lives as long as the connection, so a
   * sequence (a page's requests) can share one case id.
   */
  requests: Request[];
}

export function runLoad(spec: LoadSpec): Promise<LoadRun> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url: spec.url,
      connections: spec.connections,
      duration: spec.seconds,
      timeout: 10,
      headers: spec.headers ?? {},
      requests: spec.requests,
    }, (error, result) => {
      if (error) {
        reject(error);
        return;
      }
      const [p50 = Number.NaN, p99 = Number.NaN] = percentiles(latencies, [50, 99]);
      const ok = result['2xx'];
      resolve({
        seconds: result.duration,
        requests: ok + result.non2xx,
        ok,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        requestsPerSecond: ok / result.duration,
        p50,
        p99,
        statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count])),
        latencies,
      });
    });
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

/** Several runs against one server as one: counts and time summed, percentiles over all their latencies. */
export function combineRuns(runs: readonly LoadRun[]): LoadRun {
  const latencies = runs.flatMap((run) => run.latencies);
  const [p50 = Number.NaN, p99 = Number.NaN] = percentiles(latencies, [50, 99]);
  const sum = (pick: (run: LoadRun) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const seconds = sum((run) => run.seconds);
  const ok = sum((run) => run.ok);
  const statusCodes: Record<string, number> = {};
  for (const run of runs) for (const [code, count] of Object.entries(run.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  return {
    seconds, requests: sum((run) => run.requests), ok, non2xx: sum((run) => run.non2xx), errors: sum((run) => run.errors),
    timeouts: sum((run) => run.timeouts), requestsPerSecond: seconds > 0 ? ok / seconds : 0, p50, p99, statusCodes, latencies,
  };
}
