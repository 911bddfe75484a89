import { customerIntegrationLocator } from '../common';

export const customerIntegrationIdField = customerIntegrationLocator(
	'customerIntegrationId',
	"One network the customer connected: pick it from the customer's integrations (the list reads the Customer Token above), or enter its uuid",
);
