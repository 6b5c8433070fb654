/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every
 * item as an argument, and a list of a hundred thousand (secrets in a header,
 * parameters of a form) overflows the call stack.
 */
export function pushAll<T>(target: T[], items: Iterable<T>): void {
	for (const item of items) target.push(item);
}
