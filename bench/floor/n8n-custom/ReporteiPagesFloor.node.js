/**
 * Bench only (never packed, never published): the floor of scenario 3 measured inside n8n. A
 * minimal node that reads a Reportei Connect list the plainest way n8n allows: one
 * `this.helpers.httpRequestWithAuthentication('reporteiConnectApi', ...)` per page, one page after
 * the other, until `meta.last_page`, and one output item per entry. No retries, no pacing, no
 * de-duplication, no hints: what is left is the work any node must do for the same items.
 *
 * Loaded by the bench's n8n from this folder through N8N_CUSTOM_EXTENSIONS, so its type is
 * `CUSTOM.reporteiPagesFloor`; it uses the package's own `reporteiConnectApi` credential.
 */
class ReporteiPagesFloor {
	constructor() {
		this.description = {
			displayName: 'Reportei Pages Floor (bench)',
			name: 'reporteiPagesFloor',
			group: ['transform'],
			version: 1,
			description: 'Bench floor: every page of a Reportei Connect list, sequentially',
			defaults: { name: 'Reportei Pages Floor' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'reporteiConnectApi', required: true }],
			properties: [
				{ displayName: 'Path', name: 'path', type: 'string', default: '/customers' },
				{ displayName: 'Per Page', name: 'perPage', type: 'number', default: 100 },
			],
		};
	}

	async execute() {
		const credentials = await this.getCredentials('reporteiConnectApi');
		const base = String(credentials.baseUrl).replace(/\/+$/, '');
		const path = this.getNodeParameter('path', 0);
		const perPage = this.getNodeParameter('perPage', 0);
		const out = [];
		for (let page = 1; ; page++) {
			const body = await this.helpers.httpRequestWithAuthentication.call(this, 'reporteiConnectApi', {
				method: 'GET',
				url: `${base}${path}`,
				qs: { page, per_page: perPage },
				json: true,
			});
			const data = Array.isArray(body?.data) ? body.data : [];
			for (const entry of data) out.push({ json: entry, pairedItem: { item: 0 } });
			const last = Number(body?.meta?.last_page);
			if (data.length === 0 || !Number.isFinite(last) || page >= last) break;
		}
		return [out];
	}
}

module.exports = { ReporteiPagesFloor };
