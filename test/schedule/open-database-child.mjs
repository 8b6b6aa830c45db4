// One "bot process" opening the digest database with the built code, at a start instant the
// parent gives all of them, so that their migrations really race.
import { openDatabase } from '../../dist/src/schedule/database.js';

const [path, startAt] = process.argv.slice(2);
while (Date.now() < Number(startAt)) await new Promise((resolve) => setTimeout(resolve, 1));
const db = openDatabase(path);
process.stdout.write(String(db.pragma('user_version', { simple: true })));
db.close();
