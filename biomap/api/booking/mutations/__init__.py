"""One module per booking mutation; `biomap.api.booking.mutation` composes them."""
