import * as customer from './customer';
import * as order from './order';
import * as plan from './plan';
import * as product from './product';
import * as report from './report';
import * as reseller from './reseller';
import * as subscription from './subscription';
import type { OperationMap } from '../../shared/items';

/** Every operation of the node, by resource and operation value. */
export const operations: OperationMap = {
	report: { create: report.create, download: report.download, get: report.get, getMany: report.getMany },
	customer: { create: customer.create, get: customer.get, getMany: customer.getMany, update: customer.update },
	reseller: {
		create: reseller.create,
		createCustomer: reseller.createCustomer,
		get: reseller.get,
		getCustomers: reseller.getCustomers,
		getMany: reseller.getMany,
		getOrders: reseller.getOrders,
		update: reseller.update,
	},
	order: { create: order.create, estimate: order.estimate, get: order.get, getMany: order.getMany, update: order.update },
	subscription: {
		get: subscription.get,
		getMany: subscription.getMany,
		setSpecialPricing: subscription.setSpecialPricing,
		update: subscription.update,
	},
	product: { getMany: product.getMany, validateParameters: product.validateParameters },
	plan: { get: plan.get, getMany: plan.getMany },
};

export const resourceDescriptions = [
	...report.description,
	...customer.description,
	...reseller.description,
	...order.description,
	...subscription.description,
	...product.description,
	...plan.description,
];
