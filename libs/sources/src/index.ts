export { type FetchStatus, fetchStatuses, Source } from './source.entity';
export { SourceSnapshot } from './source-snapshot.entity';
export { maxUrlLength, normalizeSourceUrl } from './source-url';
export type {
  SnapshotChangesView,
  SnapshotSummaryView,
  SnapshotView,
  SourceInput,
  SourceView,
  TextChange,
} from './source.views';
export { SourcesModule } from './sources.module';
export type { ExtractionFacts, NewSnapshot, PageFacts, TextRead } from './sources.repository';
export { SourcesService, type SourceToFetch } from './sources.service';
