import * as assert from 'node:assert/strict';
import { isAdded, parseAddedLines } from '../../../src/engine/check';

const DIFF = `diff --git a/src/a.ts b/src/a.ts
index 1111111..2222222 100644
--- a/src/a.ts
+++ b/src/a.ts
@@ -3,0 +4,2 @@ export function a() {
+// TODO: one
+// TODO: two
@@ -10 +12 @@ function b() {
-old
+new
@@ -20,3 +21,0 @@
-gone
-gone
-gone
diff --git a/src/new.py b/src/new.py
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/src/new.py
@@ -0,0 +1,3 @@
+# TODO: all new
+x = 1
+y = 2
diff --git a/src/old.go b/src/old.go
deleted file mode 100644
--- a/src/old.go
+++ /dev/null
@@ -1 +0,0 @@
-// TODO: removed
diff --git "a/src/t\\303\\244b.ts" "b/src/t\\303\\244b.ts"
--- "a/src/t\\303\\244b.ts"
+++ "b/src/t\\303\\244b.ts"
@@ -1,0 +2 @@
+// FIXME: quoted path
`;

describe('check --base: added lines from git diff --unified=0', () => {
  const added = parseAddedLines(DIFF);

  it('hunks give the added line numbers; pure deletions add none', () => {
    assert.deepEqual([...(added.get('src/a.ts') as Set<number>)].sort((a, b) => a - b), [4, 5, 12]);
    assert.ok(isAdded(added, 'src/a.ts', 4));
    assert.ok(!isAdded(added, 'src/a.ts', 21));
  });

  it('new files are wholly added; deleted files are left out', () => {
    assert.equal(added.get('src/new.py'), 'all');
    assert.ok(isAdded(added, 'src/new.py', 99));
    assert.ok(!added.has('src/old.go'));
  });

  it('quoted paths with escaped UTF-8 bytes are decoded', () => {
    assert.ok(isAdded(added, 'src/täb.ts', 2));
  });
});
