/**
 * Closest known code to a mistyped one (`invalid_grand` → `invalid_grant`),
 * by Damerau–Levenshtein distance with a cut-off that scales with length.
 */
export function suggestCode(code: string, known: Iterable<string>): string | undefined {
	const target = code.toLowerCase();
	const limit = target.length <= 6 ? 1 : target.length <= 12 ? 2 : 3;
	let best: string | undefined;
	let bestDistance = limit + 1;
	for (const candidate of known) {
		if (Math.abs(candidate.length - target.length) > limit) continue;
		const d = editDistance(target, candidate, bestDistance);
		if (d < bestDistance) {
			best = candidate;
			bestDistance = d;
		}
	}
	return best;
}

/** Optimal-string-alignment distance; returns `cap` early once it cannot be beaten. */
export function editDistance(a: string, b: string, cap = Infinity): number {
	let prevPrev: number[] = [];
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		let rowMin = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
			let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2] + 1);
			row.push(v);
			if (v < rowMin) rowMin = v;
		}
		if (rowMin >= cap) return cap;
		prevPrev = prev;
		prev = row;
	}
	return prev[b.length];
}

/**
 * Up to `max` known codes close to `code`, closest first (then alphabetically), with the same
 * length-scaled cut-off as {@link suggestCode}.
 */
export function suggestCodes(code: string, known: Iterable<string>, max = 5): string[] {
	const target = code.toLowerCase();
	const limit = target.length <= 6 ? 1 : target.length <= 12 ? 2 : 3;
	const found: Array<{ candidate: string; distance: number }> = [];
	for (const candidate of known) {
		if (Math.abs(candidate.length - target.length) > limit) continue;
		const distance = editDistance(target, candidate.toLowerCase(), limit + 1);
		if (distance <= limit) found.push({ candidate, distance });
	}
	return found.sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0))
		.slice(0, max).map(f => f.candidate);
}
