import { PDP_LABELS, type FileReport, type PdpLabel } from '@saring/core';

/** Folders listed in "top folders" tables and charts. */
export const TOP_FOLDERS = 10;

/**
 * The folder a report belongs to: for an archive member, the folder of the archive
 * (`a/b.zip!c/d.txt` -> `a`); `.` for a file given without a folder.
 */
export function folderOf(path: string): string {
  const outer = path.split('!')[0]!;
  const slash = outer.lastIndexOf('/');
  return slash <= 0 ? (slash === 0 ? '/' : '.') : outer.slice(0, slash);
}

/** A file is sensitive when something was found in it (any label but `public`). */
export function isSensitive(file: FileReport): boolean {
  return file.findingCount > 0 || (file.classification !== undefined && file.classification.label !== 'public');
}

/**
 * Counts that the core summary does not carry, built as reports stream by: findings per UU PDP
 * label of their file, and sensitive files per folder. Memory grows with the number of folders
 * holding sensitive files, not with the number of files.
 */
export class ReportStats {
  readonly findingsByLabel: Record<PdpLabel, number> = Object.fromEntries(PDP_LABELS.map((l) => [l, 0])) as Record<PdpLabel, number>;
  private readonly folders = new Map<string, number>();

  add(file: FileReport): void {
    const label = file.classification?.label ?? (file.findingCount > 0 ? 'personal' : 'public');
    this.findingsByLabel[label] += file.findingCount;
    if (isSensitive(file)) {
      const folder = folderOf(file.path);
      this.folders.set(folder, (this.folders.get(folder) ?? 0) + 1);
    }
  }

  /** Folders with the most sensitive files, most first, ties by name. */
  topFolders(n = TOP_FOLDERS): [string, number][] {
    return [...this.folders].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
  }

  static of(files: readonly FileReport[]): ReportStats {
    const stats = new ReportStats();
    for (const file of files) stats.add(file);
    return stats;
  }
}

/** Entries of a count record, largest first, ties by name; zero counts left out. */
export function sortedCounts(record: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(record)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
