// A chosen image file as the data: URL the API takes, checked by the same rule as on the server
// (src/domain/preferences.ts: PNG, JPEG or WebP by its bytes, at most 256 kB).

import { imageProblem } from '../../../src/domain/preferences.ts';
import { worded } from './i18n.ts';

export function readImage(file: File): Promise<{ url: string } | { problem: string }> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      const problem = imageProblem(url);
      resolve(problem ? { problem: worded(problem, 'image_invalid') } : { url });
    };
    reader.onerror = () => resolve({ problem: worded('the file could not be read', 'image_invalid') });
    reader.readAsDataURL(file);
  });
}
