/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Report files as the simulated RDE export writes them: deterministic rated-data rows and their
 * JSON (array, NDJSON or `{data}`), CSV (RFC 4180 with a BOM and CRLF), XML and XLSX (a small zip).
 */
import { gzipSync } from 'node:zlib';

import { hashSeed, prng } from '../random';

export type ReportFormat = 'json' | 'csv' | 'xml' | 'xlsx';

export interface RatedDataRow {
	[key: string]: string | number;
	lineId: string;
	customerId: string;
	customerName: string;
	subscriptionId: string;
	productMpn: string;
	productName: string;
	description: string;
	quantity: number;
	unitPrice: number;
	amount: number;
	currency: string;
	periodStart: string;
	periodEnd: string;
	chargeType: string;
}

export const ROW_COLUMNS: Array<keyof RatedDataRow> = [
	'lineId',
	'customerId',
	'customerName',
	'subscriptionId',
	'productMpn',
	'productName',
	'description',
	'quantity',
	'unitPrice',
	'amount',
	'currency',
	'periodStart',
	'periodEnd',
	'chargeType',
];

const PRODUCT_NAMES = [
	'Microsoft 365 Business Basic',
	'Office 365 "E3", annual',
	'Azure plan; pay-as-you-go',
	'Acronis Cyber Protect, per workstation',
	'Dropbox Business — Standard',
	'São Paulo hosting, "premium"',
];
const CHARGE_TYPES = ['recurring', 'setup', 'usage', 'cancellation'];

export interface RowSource {
	customers: Array<{ id: string; name: string }>;
	subscriptions: Array<{ id: string; customerId: string }>;
	products: Array<{ mpn: string; name: string }>;
}

/** The rated-data rows of one report, from its id and period only (the same every time). */
export function ratedDataRows(reportId: string, start: string, end: string, count: number, source: RowSource): RatedDataRow[] {
	const random = prng(hashSeed(reportId));
	const rows: RatedDataRow[] = [];
	for (let i = 0; i < count; i++) {
		const customer = source.customers[Math.floor(random() * source.customers.length)];
		const subscription = source.subscriptions.find((s) => s.customerId === customer.id) ?? source.subscriptions[i % source.subscriptions.length];
		const product = source.products[Math.floor(random() * source.products.length)];
		const quantity = 1 + Math.floor(random() * 50);
		const unitPrice = Math.round((1 + random() * 99) * 100) / 100;
		rows.push({
			lineId: `${reportId.slice(0, 8)}-${String(i + 1).padStart(5, '0')}`,
			customerId: customer.id,
			customerName: customer.name,
			subscriptionId: subscription.id,
			productMpn: product.mpn,
			productName: PRODUCT_NAMES[i % PRODUCT_NAMES.length],
			// Every fifth line has a line break, every seventh a quote: CSV readers must cope.
			description: i % 5 === 4 ? `Prorated charge\nfor ${product.name}` : i % 7 === 6 ? `Adjustment "manual", ref ${i}` : `Charge for ${product.name}`,
			quantity,
			unitPrice,
			amount: Math.round(quantity * unitPrice * 100) / 100,
			currency: i % 9 === 8 ? 'EUR' : 'USD',
			periodStart: start.slice(0, 10),
			periodEnd: end.slice(0, 10),
			chargeType: CHARGE_TYPES[i % CHARGE_TYPES.length],
		});
	}
	return rows;
}

function csvField(value: string | number): string {
	const text = String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function xmlEscape(value: string | number): string {
	return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

function crc32(data: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** A zip archive with stored (uncompressed) entries: enough to look like an .xlsx file. */
export function zip(entries: Array<{ name: string; data: Buffer }>): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const crc = crc32(entry.data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(entry.data.length, 18);
		local.writeUInt32LE(entry.data.length, 22);
		local.writeUInt16LE(name.length, 26);
		locals.push(local, name, entry.data);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(entry.data.length, 20);
		central.writeUInt32LE(entry.data.length, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		centrals.push(central, name);
		offset += 30 + name.length + entry.data.length;
	}
	const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(centralSize, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, ...centrals, end]);
}

export type JsonLayout = 'array' | 'ndjson' | 'envelope';

/** The bytes of a report file in one format. */
export function renderReport(rows: RatedDataRow[], format: ReportFormat, options: { jsonLayout?: JsonLayout; gzipJson?: boolean } = {}): Buffer {
	if (format === 'json') {
		const layout = options.jsonLayout ?? 'array';
		const text =
			layout === 'ndjson'
				? rows.map((row) => JSON.stringify(row)).join('\n') + '\n'
				: layout === 'envelope'
					? JSON.stringify({ data: rows, total: rows.length })
					: JSON.stringify(rows, null, 1);
		const bytes = Buffer.from(text, 'utf8');
		return options.gzipJson ? gzipSync(bytes) : bytes;
	}
	if (format === 'csv') {
		const lines = [ROW_COLUMNS.join(','), ...rows.map((row) => ROW_COLUMNS.map((c) => csvField(row[c])).join(','))];
		return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
	}
	if (format === 'xml') {
		const body = rows.map((row) => `  <row>${ROW_COLUMNS.map((c) => `<${c}>${xmlEscape(row[c])}</${c}>`).join('')}</row>`).join('\n');
		return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<ratedData>\n${body}\n</ratedData>\n`, 'utf8');
	}
	const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>${rows
		.map((row, r) => `<row r="${r + 1}">${ROW_COLUMNS.map((c) => `<c t="inlineStr"><is><t>${xmlEscape(row[c])}</t></is></c>`).join('')}</row>`)
		.join('')}</sheetData></worksheet>`;
	return zip([
		{ name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Types/>') },
		{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet, 'utf8') },
	]);
}
