"""One module per catalogue mutation (Saleor style); `biomap.api.catalogue.mutation` composes them."""
