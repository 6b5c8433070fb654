/**
 * The secret-shape helpers in one import: shape scanning (shapes.ts),
 * placeholders and the redaction marker (placeholders.ts), base64 decoding
 * (base64.ts) and what may safely be said about a secret (describeJwt.ts).
 */
export { scanTokenShapes } from './shapes';
export { isPlaceholder, redactionMarker } from './placeholders';
export { decodeBase64Url } from './base64';
export { describeSecret } from './describeJwt';
