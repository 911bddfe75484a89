import type { IDataObject } from 'n8n-workflow';

/**
 * The simplified customers, orders and subscriptions of Simplify: at most ten fields each, those a
 * workflow acts on, named as in the spec v1.15 schemas (Customer, Order/OrderDetailed,
 * Subscription/SubscriptionDetailed). Fields the answer does not carry are left out.
 */

function pick(source: IDataObject, keys: string[]): IDataObject {
	const out: IDataObject = {};
	for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
	return out;
}

function first<T>(list: unknown): T | undefined {
	return Array.isArray(list) && list.length ? (list[0] as T) : undefined;
}

/** id, externalId, name, status, resellerId, language, taxRegId, the admin's email, city, country. */
export function simplifyCustomer(customer: IDataObject): IDataObject {
	const out = pick(customer, ['id', 'externalId', 'name', 'status', 'resellerId', 'language', 'taxRegId']);
	const contacts = Array.isArray(customer.contactPersons) ? (customer.contactPersons as IDataObject[]) : [];
	const admin = contacts.find((c) => c?.type === 'admin') ?? first<IDataObject>(contacts);
	if (admin?.email !== undefined) out.email = admin.email;
	const address = customer.address as IDataObject | undefined;
	if (address?.city !== undefined) out.city = address.city;
	if (address?.countryCode !== undefined) out.countryCode = address.countryCode;
	return out;
}

/** id, orderNumber, type, status, statusCode, customerId, poNumber, creationDate, subscriptionId, total. */
export function simplifyOrder(order: IDataObject): IDataObject {
	return pick(order, ['id', 'orderNumber', 'type', 'status', 'statusCode', 'customerId', 'poNumber', 'creationDate', 'subscriptionId', 'total']);
}

/**
 * id, name, customerId, status, renewalStatus, expirationDate, billingPeriod, subscriptionPeriod,
 * planId and the product lines (mpn, vendor, name, quantity): what a change order copies.
 */
export function simplifySubscription(subscription: IDataObject): IDataObject {
	const out = pick(subscription, ['id', 'name', 'customerId', 'status', 'renewalStatus', 'expirationDate', 'billingPeriod', 'subscriptionPeriod', 'planId']);
	if (Array.isArray(subscription.products)) {
		out.products = (subscription.products as IDataObject[]).map((line) => pick(line ?? {}, ['mpn', 'vendor', 'name', 'quantity']));
	}
	return out;
}
