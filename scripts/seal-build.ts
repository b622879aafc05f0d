/**
 * The step `npm run build` adds after `next build`: pins the scripts of the pages served as built (integrity
 * attributes) and writes their hashes into the build's header rules. For hosts that run `next build` themselves.
 */
import { sealPrerenderedPagePolicy } from "../build/prerendered-pages";

sealPrerenderedPagePolicy();
console.log("› Sealed the prerendered pages' script policy in .next");
