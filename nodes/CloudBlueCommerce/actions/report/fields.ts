import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../../../shared/locators';

/**
 * The report of Get and Download: picked from the list of recent reports, by ID (UUID), or, for
 * Download, by its download link, which is all a server that lists reports without IDs gives (RDE
 * how-to). The saved parameter keeps its name `reportId`, so workflows with a plain ID still run.
 */
export function reportField(description: string, withLink: boolean): INodeProperties {
	return idLocator({
		displayName: 'Report',
		name: 'reportId',
		description,
		searchListMethod: 'searchReports',
		idPlaceholder: 'e.g. f40c942d-ebec-41b9-b604-5ed9ffb6d4f2',
		...(withLink
			? {
					url: {
						displayName: 'By Download Link',
						placeholder: 'e.g. https://drrde3.blob.core.windows.net/rdecontainer/report.xlsx?sig=...',
						regex: '^https?://.+',
					},
				}
			: {}),
	});
}
