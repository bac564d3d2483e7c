import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildMeasureReportBundle } from './measure-report.writer.ts';
import { renderMeasuresCsv } from './measures-csv.writer.ts';
import { PARTIAL_FILE, type PartialResult } from './partial.ts';
import type { PublishedDataset } from './published-dataset.ts';
import { renderReportHtml } from './report-html.writer.ts';

/** Paths of the files one run wrote. */
export interface OutputFiles {
  readonly partial?: string;
  readonly measuresCsv?: string;
  readonly measureReports?: string;
  readonly reportHtml?: string;
}

/** Writes through a temporary name and renames, so a reader never sees half a file. */
async function writeAtomically(file: string, content: string): Promise<string> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content, 'utf8');
  await rename(temporary, file);
  return file;
}

export async function writePartial(outDir: string, partial: PartialResult): Promise<string> {
  await mkdir(outDir, { recursive: true });
  return writeAtomically(path.join(outDir, PARTIAL_FILE), `${JSON.stringify(partial)}\n`);
}

/** Writes `measures.csv`, `measure-reports.json` and `report.html` (shared/docs/architecture.md, CONTRACT). */
export async function writePublished(
  outDir: string,
  dataset: PublishedDataset,
): Promise<Required<Omit<OutputFiles, 'partial'>>> {
  await mkdir(outDir, { recursive: true });
  const bundle = buildMeasureReportBundle(dataset);
  return {
    measuresCsv: await writeAtomically(path.join(outDir, 'measures.csv'), renderMeasuresCsv(dataset)),
    measureReports: await writeAtomically(
      path.join(outDir, 'measure-reports.json'),
      `${JSON.stringify(bundle, null, 1)}\n`,
    ),
    reportHtml: await writeAtomically(path.join(outDir, 'report.html'), renderReportHtml(dataset)),
  };
}
