/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Credential data as a user saves it in the editor, shaped for the public API of the n8n under test
 * (`POST /api/v1/credentials`).
 *
 * - CloudBlue's hidden `accessToken` is left out: n8n fills it in itself, and refuses it as input.
 * - n8n 1.x's public API builds one if/else schema from every displayOptions of a credential: it
 *   wants the HTTP-request domain choice explicitly (`allowedHttpRequestDomains`, which the editor
 *   defaults to "all"), and CloudBlue's Marketplace only with the Keycloak method.
 */
import type { JsonObject } from './n8n';

export function savedCredentialData(type: string, data: Record<string, unknown>): JsonObject {
	let out: Record<string, unknown> = { ...data };
	const n8n1 = process.env.N8N_E2E_FLAVOR === 'n8n1';
	if (type === 'cloudBlueCommerceApi') {
		const { accessToken: _filledByN8n, ...rest } = out;
		out = rest;
		if (n8n1) {
			const { marketplace, ...others } = rest;
			out = rest.authentication === 'oAuth2Password' ? { ...others, marketplace: marketplace ?? '' } : others;
		}
	}
	return (n8n1 ? { ...out, allowedHttpRequestDomains: 'all' } : out) as JsonObject;
}
