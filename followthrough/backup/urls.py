from django.urls import path

from . import views

urlpatterns = [
    path("", views.your_data, name="your-data"),
    path("backup.json", views.download_json, name="your-data-json"),
    path("<slug:entity>.csv", views.download_csv, name="your-data-csv"),
    path("people.vcf", views.download_vcard, name="your-data-vcard"),
]
