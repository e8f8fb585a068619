// Types for scripts/readme-images.mjs, which copies the README's screenshots and which the unit tests import.

/** The suite's screenshots the README uses, by the name the suite saves them under. */
export const README_IMAGES: string[];
export const README_IMAGES_FOLDER: string;
export const README_IMAGE_WIDTH: number;
