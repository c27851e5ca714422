from story_fixtures import story_store  # noqa: F401  (the module-scoped store fixture)
