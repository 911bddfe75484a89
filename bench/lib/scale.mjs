/** What the scale scenarios (7, 8) share: one variant a size, and the targets "time linear, memory flat". */
import { MB } from './options.mjs';
import { target } from './results.mjs';
import { fmtS, mb, ratioText } from './util.mjs';

/** 10x the data may take at most this much more than 10x the time (1.1: 11x). */
export const LINEAR_SLACK = 1.1;
/** Peak growth at 10x may be at most this multiple of the 1x one, plus FLAT_MB_SLACK. */
export const FLAT_FACTOR = 1.5;
export const FLAT_MB_SLACK = 32;

/**
 * Adds the two targets of a scale scenario comparing the variant `big` (factor times the data)
 * with `small`: time at most LINEAR_SLACK × factor × the small one, memory (peak growth of n8n's
 * process group) at most FLAT_FACTOR × the small one + FLAT_MB_SLACK.
 */
export function scaleTargets(scenario, small, big, factor, what) {
	const S = scenario.summaries;
	const a = S[small];
	const b = S[big];
	const ran = a.ms !== undefined && b.ms !== undefined;
	const failed = `${S[a.ms === undefined ? small : big].errors[0] ?? 'no successful run'}`;
	target(
		scenario,
		`${what}: time grows linearly (${factor}x the data within ${(LINEAR_SLACK * factor).toFixed(0)}x the time)`,
		ran && b.ms <= LINEAR_SLACK * factor * a.ms,
		ran ? `wall ${ratioText(b.ms, a.ms)} (CPU ${ratioText(b.cpuMs, a.cpuMs)}): ${fmtS(a.ms)} → ${fmtS(b.ms)}` : `did not run: ${failed}`,
	);
	const flatLimit = a.groupDelta === undefined ? undefined : FLAT_FACTOR * a.groupDelta + FLAT_MB_SLACK * MB;
	target(
		scenario,
		`${what}: memory flat (peak growth at ${factor}x at most ${FLAT_FACTOR}x the 1x one + ${FLAT_MB_SLACK} MB)`,
		ran && flatLimit !== undefined && b.groupDelta !== undefined && b.groupDelta <= flatLimit,
		ran ? `peak growth ${mb(a.groupDelta)} → ${mb(b.groupDelta)}; n8n main peak RSS ${mb(a.mainPeak)} → ${mb(b.mainPeak)}` : `did not run: ${failed}`,
	);
}
