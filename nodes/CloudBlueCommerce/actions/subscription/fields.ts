import { pickerField } from '../common';

export const subscriptionIdField = pickerField('subscription', 'subscriptionId', 'The subscription');
