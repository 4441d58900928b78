/** Latency buckets in seconds: a small text is milliseconds, a large DICOM seconds. */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The service's counters, rendered in the Prometheus text format (version 0.0.4). Labels take
 * only bounded values (status codes, decisions, reason codes), never file names or content.
 */
export class GateMetrics {
  private readonly requests = new Map<string, number>();
  private readonly verdicts = new Map<string, number>();
  private readonly reasons = new Map<string, number>();
  private bytes = 0;
  private readonly bucketCounts = LATENCY_BUCKETS_SECONDS.map(() => 0);
  private latencyCount = 0;
  private latencySum = 0;
  inFlight = 0;

  request(route: string, status: number): void {
    increment(this.requests, `route="${route}",status="${status}"`);
  }

  verdict(decision: string, reasonCodes: readonly string[]): void {
    increment(this.verdicts, `decision="${decision}"`);
    for (const code of new Set(reasonCodes)) increment(this.reasons, `reason="${escapeLabel(code)}"`);
  }

  received(bytes: number): void {
    this.bytes += bytes;
  }

  latency(seconds: number): void {
    this.latencyCount++;
    this.latencySum += seconds;
    LATENCY_BUCKETS_SECONDS.forEach((bound, i) => {
      if (seconds <= bound) this.bucketCounts[i]!++;
    });
  }

  render(): string {
    const lines: string[] = [];
    const counter = (name: string, help: string, values: Map<string, number>): void => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [labels, value] of [...values].sort()) lines.push(`${name}{${labels}} ${value}`);
    };
    counter('saring_gate_requests_total', 'HTTP requests by route and status code.', this.requests);
    counter('saring_gate_verdicts_total', 'Verdicts by decision.', this.verdicts);
    counter('saring_gate_block_reasons_total', 'Blocked uploads by reason code.', this.reasons);
    lines.push('# HELP saring_gate_received_bytes_total Upload bytes received.', '# TYPE saring_gate_received_bytes_total counter', `saring_gate_received_bytes_total ${this.bytes}`);
    lines.push('# HELP saring_gate_in_flight Uploads being scanned now.', '# TYPE saring_gate_in_flight gauge', `saring_gate_in_flight ${this.inFlight}`);
    lines.push('# HELP saring_gate_scan_duration_seconds Time from request to verdict.', '# TYPE saring_gate_scan_duration_seconds histogram');
    LATENCY_BUCKETS_SECONDS.forEach((bound, i) => lines.push(`saring_gate_scan_duration_seconds_bucket{le="${bound}"} ${this.bucketCounts[i]}`));
    lines.push(`saring_gate_scan_duration_seconds_bucket{le="+Inf"} ${this.latencyCount}`);
    lines.push(`saring_gate_scan_duration_seconds_sum ${round(this.latencySum)}`, `saring_gate_scan_duration_seconds_count ${this.latencyCount}`);
    return `${lines.join('\n')}\n`;
  }
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function escapeLabel(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
