"""Demo content for this app; `linksite.demo.load_demo` calls `load(demo)`."""


def load(demo):
    """Nothing yet: a later issue adds this section's demo content."""
