"""Helpers every web feature shares: the one error handler, JSON for the API and the error
page otherwise (`errors`), static files under fingerprinted names (`assets`),
which responses are compressed (`compression`), the direction of user-supplied text
(`bidi`), the SVG frame of the charts (`svg`) and file downloads (`downloads`)."""
