"""`ckr browse`: a keyboard-first terminal browser over the whole dataset, on Textual.

The room holds:

- `collections`: what each collection lists (a Listing built by ckr.views from ckr.query,
  as any command builds it), the short cells the list shows, and the filter;
- `detail`: one record in full: its fields, trust, sources and the records it links to;
- `widgets`, `screens`, `app`: the Textual side (the list and the record panel; the record,
  help and prompt screens; the application and its keys).

Only `widgets`, `screens` and `app` import Textual, and only `ckr browse` imports them, so
no other command pays for it. Nothing here imports ckr.commands.
"""
