/** `paydown report`: the one-page Markdown sprint review (facts in `review.ts`, page in `markdown.ts`). */
export { sprintReview, NO_OUTCOME, type SprintReview, type SprintReviewInput, type ReviewItem, type OutcomeSummary } from './review';
export { reviewToMarkdown } from './markdown';
