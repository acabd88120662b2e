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
export { SourcesService } from './sources.service';
