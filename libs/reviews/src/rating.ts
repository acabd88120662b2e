/** The default rating scale, from true to false, then unverifiable. */
export const ratings = [
  'true',
  'mostly_true',
  'half_true',
  'misleading',
  'mostly_false',
  'false',
  'unverifiable',
] as const;
export type Rating = (typeof ratings)[number];

/** ClaimReview's ratingValue: 6 (true) down to 1 (false); unverifiable carries none. */
export const ratingValues: Record<Rating, number | null> = {
  true: 6,
  mostly_true: 5,
  half_true: 4,
  misleading: 3,
  mostly_false: 2,
  false: 1,
  unverifiable: null,
};

/** The rating's name as readers see it (ClaimReview alternateName). */
export const ratingNames: Record<Rating, string> = {
  true: 'True',
  mostly_true: 'Mostly true',
  half_true: 'Half true',
  misleading: 'Misleading',
  mostly_false: 'Mostly false',
  false: 'False',
  unverifiable: 'Unverifiable',
};

export const bestRating = 6;
export const worstRating = 1;
