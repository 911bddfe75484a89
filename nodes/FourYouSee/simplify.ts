import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../shared/items';

/**
 * Simplify for the wide Get and Get Many operations: at most ten fields per object, the ones a
 * workflow acts on, with the Manager's reference objects flattened (`group: {id, name}` becomes
 * `groupId`, `groupName`) and its mixed types made plain (`updateFlow: "1"` becomes 1, "Yes"/"No"
 * booleans; docs/fouryousee.md, Sources and assumptions).
 *
 * One rule for the whole node: Simplify is off by default, so workflows keep their output, and on
 * by default when the node runs as an AI tool (its own copy of the field, shown only there), where
 * compact answers matter.
 */
export function simplifyProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: false,
			description: 'Whether to return a simplified version of the response instead of the raw data',
			displayOptions: { show: { '@tool': [false] } },
		},
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: 'Whether to return a simplified version of the response instead of the raw data',
			displayOptions: { show: { '@tool': [true] } },
		},
	];
}

/** Whether the item asks for the simplified version. */
export function wantsSimplified(item: ItemContext): boolean {
	return item.n8n.getNodeParameter('simplify', item.itemIndex, item.asTool) as boolean;
}

function ref(value: unknown): IDataObject | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

type Value = IDataObject[string];

function yesNo(value: unknown): Value {
	if (value === 'Yes') return true;
	if (value === 'No') return false;
	return value as Value;
}

function numberOr(value: unknown): Value {
	return (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value) as Value;
}

/** Only the keys that are present, in the order given. */
function pick(source: Record<string, unknown>): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(source)) if (value !== undefined) out[key] = value as Value;
	return out;
}

export type Simplifier = (object: IDataObject) => IDataObject;

/** A player: who it is, where it belongs, whether it is alive. */
export const simplePlayer: Simplifier = (p) =>
	pick({
		id: p.id,
		name: p.name,
		description: p.description,
		platform: p.platform,
		groupId: ref(p.group)?.id,
		groupName: ref(p.group)?.name,
		status: ref(p.playerStatus)?.name,
		lastContactInMinutes: p.lastContactInMinutes,
		lastLogReceived: p.lastLogReceived,
	});

function scheduleOf(m: IDataObject): IDataObject {
	return ref(m.schedule) ?? {};
}

/** A media: GET gives `durationInSeconds` and category objects, POST/PUT `duration` and IDs. */
export const simpleMedia: Simplifier = (m) => {
	const categories = Array.isArray(m.categories) ? (m.categories as unknown[]) : [];
	return pick({
		id: m.id,
		name: m.name,
		description: m.description,
		file: m.file,
		durationInSeconds: m.durationInSeconds ?? m.duration,
		categoryIds: categories.map((c) => ref(c)?.id ?? c),
		categoryNames: categories.some((c) => ref(c)) ? categories.map((c) => ref(c)?.name ?? null) : undefined,
		startDate: scheduleOf(m).startDate ?? null,
		endDate: scheduleOf(m).endDate ?? null,
	});
};

/** A playlist: its items reduced to what they are. */
export const simplePlaylist: Simplifier = (p) => {
	const items = Array.isArray(p.items) ? (p.items as IDataObject[]) : [];
	return pick({
		id: p.id,
		name: p.name,
		durationInSeconds: p.durationInSeconds,
		isSubPlaylist: p.isSubPlaylist,
		categoryId: ref(p.category)?.id ?? (typeof p.category === 'number' ? p.category : null),
		categoryName: ref(p.category)?.name ?? null,
		itemCount: items.length,
		// `videoWall` in answers, `videowall` in requests (docs/fouryousee.md).
		itemTypes: items.map((i) => (String(i?.type ?? '').toLowerCase() === 'videowall' ? 'videowall' : i?.type)),
		mediaIds: items.filter((i) => i?.type === 'media').map((i) => i.id),
	});
};

/** A media category: `parent` is an object in answers, `updateFlow` a string. */
export const simpleMediaCategory: Simplifier = (c) =>
	pick({
		id: c.id,
		name: c.name,
		description: c.description,
		parentId: ref(c.parent)?.id ?? (typeof c.parent === 'number' ? c.parent : null),
		parentName: ref(c.parent)?.name ?? null,
		childCount: Array.isArray(c.children) ? c.children.length : undefined,
		autoShuffle: c.autoShuffle,
		updateFlow: numberOr(c.updateFlow),
		sequence: Array.isArray(c.sequence) ? c.sequence : [],
	});

/** A news entry: what it says, when it shows, where it comes from. */
export const simpleNews: Simplifier = (n) =>
	pick({
		id: n.id,
		status: n.status,
		startDate: n.startDate,
		endDate: n.endDate,
		newsourceId: n.newsourceId,
		newsourceName: n.newsourceName,
		content: n.content,
		image: n.image,
	});

/** A news source: "Yes"/"No" strings become booleans. */
export const simpleNewsSource: Simplifier = (s) =>
	pick({
		id: s.id,
		name: s.name,
		template: s.template,
		url: s.url,
		onlyWithImages: yesNo(s.onlyWithImages),
		approveAutomatically: yesNo(s.approveAutomatically),
		insertContentAutomatically: s.insertContentAutomatically === 1 || s.insertContentAutomatically === '1' ? true : s.insertContentAutomatically === 0 || s.insertContentAutomatically === '0' ? false : s.insertContentAutomatically,
		limit: s.limit,
		daysToExpire: s.daysToExpire,
		variables: s.variables ?? [],
	});

/** The answer as the item asked for it: raw, or each object simplified. */
export function asAsked(item: ItemContext, answer: IDataObject, simplify: Simplifier): IDataObject;
export function asAsked(item: ItemContext, answer: IDataObject[], simplify: Simplifier): IDataObject[];
export function asAsked(item: ItemContext, answer: IDataObject | IDataObject[], simplify: Simplifier): IDataObject | IDataObject[] {
	if (!wantsSimplified(item)) return answer;
	return Array.isArray(answer) ? answer.map((entry) => simplify(entry)) : simplify(answer);
}
