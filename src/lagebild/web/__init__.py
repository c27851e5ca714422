"""`lagebild serve`: a read-only web interface and JSON API over a store.

Modules: app (routes, HTML/JSON negotiation, security headers, errors), views (one function
per page: store + parameters -> data), params (query strings -> typed filters or a 400),
render (article highlights, chart geometry, safe links), stories (the seam to story
comparison), downloads (exports), openapi (the API description), vendor (re-vendors the
browser libraries from npm), screenshots (the images in docs/). Queries live in
`lagebild.store.browse`.
"""
