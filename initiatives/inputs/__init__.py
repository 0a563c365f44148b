"""How people here type dates and money: the boxes and the form fields every form, the admin and the model
fields use. A leaf of the app: it reads through `parsing` and `formatting` and knows no model."""
