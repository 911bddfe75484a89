import { pickerField } from '../common';

export const resellerIdField = pickerField('reseller', 'resellerId', 'The reseller account');
