"""The LINk's name, area and host now live on the home page (home 0004 copied them there)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('linksite', '0012_organisation_directory_and_premises'),
        ('home', '0004_link_identity_on_the_home_page'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='linksettings',
            name='area_name',
        ),
        migrations.RemoveField(
            model_name='linksettings',
            name='host_organisation',
        ),
        migrations.RemoveField(
            model_name='linksettings',
            name='link_name',
        ),
    ]
