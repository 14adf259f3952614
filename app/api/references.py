"""How one record names another it belongs to or points at: its id and the words a reader knows it by.

A reference carries enough to show the record in a list without another request; its id leads to the whole.
"""

import marshmallow as ma


class OrganisationRefSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    short_name = ma.fields.String(required=True)


class PartnershipRefSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    slug = ma.fields.String(required=True)
    name = ma.fields.String(required=True, metadata={"description": "ASEAN–Pakistan"})


class PlanRefSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    label = ma.fields.String(required=True, metadata={"description": "Its short name in the partnership: 2024-2028."})
    title = ma.fields.String(required=True)


class UserRefSchema(ma.Schema):
    """A user of the tracker, by the name the pages show."""

    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)


class PersonRefSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True, attribute="display_name", metadata={"description": "With honorific."})


class PillarRefSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)


class AreaRefSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    code = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
