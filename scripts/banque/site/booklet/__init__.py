"""The printed booklet (`banque recueil`): the published bank, or a selection
of it, as a PDF to hand out at a meeting.

selection: which experiences, by the explorer's own filters (région, model,
theme); content: the HTML document, from the site's views and the About page;
pdf: WeasyPrint, loaded only when asked for, and offline.
"""
