// What a snapshot is licensed under and how to cite it. Written into manifest.json, stats.json (so the web page can
// show it without reading anything else), datapackage.json and codebook.md.
import { SCHEMA_VERSION } from '../src/schema/record.ts';

export interface DataLicense {
  id: string;
  name: string;
  url: string;
  notice: string;
}

/**
 * The reports themselves are official documents that government bodies must publish under the Regulations on
 * Open Government Information; ogi-harvest claims nothing in them. What it adds — the selection, the structure,
 * the extracted tables, checks and derived columns — is licensed CC BY 4.0, so reuse only asks for a citation.
 */
export const DATA_LICENSE: DataLicense = {
  id: 'CC-BY-4.0',
  name: 'Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  notice: 'The reports are official documents published by Chinese government bodies under the Regulations on Open Government Information (政府信息公开条例); no rights are claimed in them. The compilation — selection, structure, extracted tables, checks and derived columns — is licensed CC BY 4.0: reuse freely, citing the snapshot. The ogi-harvest code is MIT-licensed.',
};

/** The suggested citation of one snapshot (its id pins the exact files). */
export function snapshotCitation(id: string, created: Date): string {
  return `ogi-harvest contributors (${created.getUTCFullYear()}). ogi-harvest: Chinese government information-disclosure annual reports (政府信息公开工作年度报告), dataset snapshot ${id}, schema ${SCHEMA_VERSION}. Licensed ${DATA_LICENSE.id}.`;
}
