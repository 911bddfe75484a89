/**
 * Bench only (never packed, never published): the memory floor of scenario 4 measured inside n8n.
 * A minimal node that downloads nothing and parses nothing: it only builds the items a rated data
 * report of that many rows becomes, one per row, each `{ json: row, pairedItem }` with the report's
 * 14 columns. The values are shaped like the simulator's: a new line ID and amount string on every
 * row, a new description on every seventh, the other columns shared strings (as the node's column
 * pools share them). What is left is what holding the items costs n8n, whoever makes them.
 *
 * Loaded by the bench's n8n from this folder through N8N_CUSTOM_EXTENSIONS, so its type is
 * `CUSTOM.ratedRowsFloor`.
 */
const COLUMNS = ['lineId', 'customerId', 'customerName', 'subscriptionId', 'productMpn', 'productName', 'description', 'quantity', 'unitPrice', 'amount', 'currency', 'periodStart', 'periodEnd', 'chargeType'];

class RatedRowsFloor {
	constructor() {
		this.description = {
			displayName: 'Rated Rows Floor (bench)',
			name: 'ratedRowsFloor',
			group: ['transform'],
			version: 1,
			description: 'Bench floor: the items of a rated data report, built without a download',
			defaults: { name: 'Rated Rows Floor' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [{ displayName: 'Rows', name: 'rows', type: 'number', default: 1000 }],
		};
	}

	async execute() {
		const rows = Number(this.getNodeParameter('rows', 0));
		const template = JSON.parse(JSON.stringify(Object.fromEntries(COLUMNS.map((c) => [c, '']))));
		const customers = Array.from({ length: 50 }, (_, i) => [`${1000000 + i}`, `Customer ${i} Ltd`, `${5000000 + i}`]);
		const products = Array.from({ length: 20 }, (_, i) => [`MPN-${String(i).padStart(4, '0')}_ANNUAL`, `Charge for Product ${i}`]);
		const names = ['Microsoft 365 Business Basic', 'Office 365 "E3", annual', 'Azure plan; pay-as-you-go'];
		const prices = Array.from({ length: 100 }, (_, i) => `${(1 + i * 0.99).toFixed(2)}`);
		const quantities = Array.from({ length: 50 }, (_, i) => `${i + 1}`);
		const pairedItem = { item: 0 };
		const out = [];
		for (let i = 0; i < rows; i++) {
			const row = { ...template };
			const customer = customers[i % 50];
			const product = products[i % 20];
			const q = (i * 7) % 50;
			const p = (i * 13) % 100;
			row.lineId = `712329d6-${String(i + 1).padStart(5, '0')}`;
			row.customerId = customer[0];
			row.customerName = customer[1];
			row.subscriptionId = customer[2];
			row.productMpn = product[0];
			row.productName = names[i % 3];
			row.description = i % 7 === 6 ? `Adjustment "manual", ref ${i}` : product[1];
			row.quantity = quantities[q];
			row.unitPrice = prices[p];
			row.amount = `${(Math.round((q + 1) * (1 + p * 0.99) * 100) / 100).toFixed(2)}`;
			row.currency = i % 9 === 8 ? 'EUR' : 'USD';
			row.periodStart = '2026-10-01';
			row.periodEnd = '2026-10-31';
			row.chargeType = 'recurring';
			out.push({ json: row, pairedItem });
		}
		return [out];
	}
}

module.exports = { RatedRowsFloor };
